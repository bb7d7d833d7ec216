// The portal's words in English, for visitors and residents who prefer it (Accept-Language or the toggle).
import type { Messages } from './id.js';

export const en: Messages = {
  lang: 'en',
  otherLang: 'Bahasa Indonesia',
  otherLangCode: 'id',
  title: (village) => `${village} Wi-Fi`,
  tagline: 'Free internet for village residents',

  welcome: {
    heading: 'Free internet for village residents',
    intro:
      'Register once with your NIK and family card (KK) number. After that your phone connects by itself, with no Wi-Fi password.',
    register: 'Register (first time)',
    registerHint: 'Have your KTP or family card ready.',
    addDevice: 'Already registered? Connect this phone',
    addDeviceHint: 'Just your NIK and 6-digit PIN.',
    status: 'See quota and devices',
    routerError: 'Message from the Wi-Fi router:',
    notFromHotspot:
      'This page was opened outside the village Wi-Fi. You can still register; to get online, join the village Wi-Fi and open any web page.',
  },

  form: {
    nik: 'NIK',
    nikHint: '16 digits, on your KTP or family card.',
    kk: 'Family card (KK) number',
    kkHint: '16 digits at the top of the family card.',
    pin: 'Choose a 6-digit PIN',
    pinHint: 'You need it to connect other phones later. Avoid 123456 or your birthday. Tell no one.',
    pinRepeat: 'Repeat the PIN',
    pinLogin: '6-digit PIN',
    label: 'Device name (optional)',
    labelHint: "For example: Mum's phone. Helps you recognise it later.",
    consent:
      'I have read the information above and agree that my data is used for the village Wi-Fi service.',
    guardian: 'I am under 18 and my parent or guardian agrees.',
    required: 'required',
    errorSummary: 'Please correct the following:',
    lockedTitle: 'Locked for a while',
    notice: 'Please note',
    backHome: 'Back to the start page',
  },

  register: {
    heading: 'Register for the village Wi-Fi',
    submit: 'Register and connect',
    noticeHeading: 'What we keep',
    guardianHeading: 'Residents under 18',
    refill:
      'For your safety the NIK, KK number and PIN you typed are not shown again: please type all three once more.',
    guardianRule: (contact) =>
      `Under the Personal Data Protection Law, registering a child needs a parent's or guardian's consent. The account becomes active once the head of the family has come to ${contact}.`,
  },

  device: {
    heading: 'Connect this phone',
    intro: 'Enter the NIK and the PIN you chose when you registered.',
    submit: 'Connect this phone',
    pinHint: (tries: number) => `After ${tries} wrong tries you have to wait a little before trying again.`,
    forgotPin: (contact) => `Forgot your PIN? Come to ${contact} with your KTP.`,
    noAccount: 'No account yet?',
  },

  full: {
    heading: 'Your device limit is reached',
    intro: (plan, allowed) =>
      `The ${plan} plan allows ${allowed} devices. Remove an old device so that this phone can connect.`,
    lastSeen: 'Last used',
    unnamed: 'Unnamed device',
    remove: (name) => `Remove ${name}`,
    keep: 'Cancel, remove nothing',
  },

  status: {
    heading: 'Your Wi-Fi status',
    plan: 'Plan',
    speed: 'Speed',
    speedValue: (down, up) => `${down} down · ${up} up`,
    quota: "Today's quota",
    used: (used, total) => `${used} of ${total} used`,
    left: (left) => `${left} left`,
    unlimited: 'No daily quota',
    usedOnly: (used) => `${used} used today`,
    resets: (time) => `New quota from ${time}`,
    monthQuota: "This month's quota",
    monthResets: (time, date) => `Resets at ${time} on ${date}`,
    noDailyLimit: 'No daily limit; the monthly quota applies',
    limitedByMonth: (left) => `Usable now: ${left}, as less is left of the monthly quota`,
    dayUsedUp: (time) => `Today's quota is used up. New quota from ${time}.`,
    monthUsedUp: (time, date) => `The monthly quota is used up. New quota from ${time} on ${date}.`,
    devices: 'Devices',
    deviceCount: (n, allowed) => `${n} of ${allowed} devices registered`,
    manage: 'Manage devices (PIN needed)',
    logout: 'Disconnect this phone from the Wi-Fi',
    unknownDevice: 'This phone is not registered on the village Wi-Fi.',
    accountPending: 'Your account is waiting for approval by the village operator.',
    accountSuspended: 'Your account is suspended. Please contact the village operator.',
    notResident: 'You are no longer listed as an active resident. Please contact the village office.',
    thisDevice: 'This phone',
  },

  voucher: {
    heading: 'Have a voucher code?',
    intro: 'Type the code from the voucher card. Upper or lower case does not matter.',
    label: 'Voucher code',
    button: 'Log in with voucher',
    bad: 'A voucher code is letters and digits only, 6 to 24 of them.',
    outside: 'Open this page on the village Wi-Fi',
    outsideText: 'Connect the phone to the village Wi-Fi, then scan the QR code or open this page again.',
    openRouter: 'Open the Wi-Fi login page',
  },

  login: {
    heading: 'Connecting…',
    intro: 'Your phone is being connected to the internet. If nothing happens, press the button below.',
    button: 'Connect now',
  },

  outcome: {
    pendingTitle: 'Your registration is being checked',
    pendingUnverified: (contact) =>
      `Your details could not be matched with the village population data. Your registration is recorded and waits for an operator to check it. Bring your KTP and family card to ${contact}.`,
    pendingGuardian: (contact) =>
      `Your registration is recorded. Because you are under 18, the account becomes active once your parent or guardian (head of family) has given consent at ${contact}.`,
    pendingAccount:
      'Your account is still waiting for approval by the village operator. Try again once approved.',
    inactiveTitle: 'You cannot register yet',
    inactive: (contact) =>
      `The village population data no longer lists you as an active resident (for example, after moving). If this is wrong, please come to ${contact}.`,
    tooYoung: (age) => `The village Wi-Fi is for residents aged ${age} and over.`,
    alreadyTitle: 'You are already registered',
    already:
      'This NIK already has a Wi-Fi account. To use this phone, choose "Connect this phone" and enter your PIN.',
    suspendedTitle: 'Account suspended',
    suspended: (contact) => `Your Wi-Fi account is suspended. Please contact ${contact}.`,
    registeredTitle: 'Registration complete',
    registeredNoMac:
      'Your account is active. To get online: join the village Wi-Fi, open any web page, then choose "Already registered? Connect this phone" and enter your NIK and PIN.',
    connectedTitle: 'NIK and PIN are right',
    connectedNoMac:
      'This page was opened outside the village Wi-Fi, so this phone is not connected yet. Join the village Wi-Fi, open any web page, then choose "Already registered? Connect this phone" and enter your NIK and PIN again.',
    routerUnknownTitle: 'Unknown router',
    routerUnknown: (contact) =>
      `The login address in this link does not belong to a village Wi-Fi router, so the phone was not connected. Open any web page again from the village Wi-Fi. If this keeps happening, please contact ${contact}.`,
    chapRequiredTitle: 'The hotspot does not use CHAP',
    chapRequired: (contact) =>
      `This hotspot sent no CHAP challenge, so the portal cannot connect the phone safely. The hotspot must use CHAP login; please contact ${contact}.`,
    institutionDeviceTitle: 'A village institution device',
    institutionDevice: (contact) =>
      `This device is registered to a village institution (school, health post, village hall), so it cannot be added to a resident's account. Use your own phone, or contact ${contact}.`,
    noPlanTitle: 'The Wi-Fi is not ready',
    noPlan: (contact) => `The operator has not set up a Wi-Fi plan yet. Please contact ${contact}.`,
    expiredTitle: 'This page has expired',
    expired: 'For your safety, forms must be sent from a freshly opened page. Please fill it in once more.',
    tryAgain: 'Fill in again',
    sessionGone: 'Your time to manage devices is over. Enter your NIK and PIN once more.',
    removedTitle: 'Device removed',
    notFoundTitle: 'Page not found',
    notFound: 'This address does not exist on the village Wi-Fi portal.',
    tooLarge: 'The form is too long. Please fill in only what is asked.',
    badForm: 'The form could not be read. Please open the page again and fill it in once more.',
    errorTitle: 'Sorry, something went wrong',
    error: 'The portal has a problem right now. Please try again in a moment.',
    busyTitle: 'Server busy',
    busy: (seconds) =>
      `The server is busy, try again in ${seconds} seconds. Nothing was checked, so this does not count as a wrong try.`,
  },

  errors: {
    'nik-empty': 'Enter your NIK (16 digits).',
    'nik-invalid': () => 'This is not a valid NIK. Check the 16 digits on your KTP.',
    'kk-empty': 'Enter your family card number (16 digits).',
    'kk-invalid': () => 'This is not a valid family card number. Check the 16 digits on the card.',
    'pin-format': 'The PIN must be exactly 6 digits.',
    'pin-sequence': 'This PIN is a run of digits up or down and easy to guess. Choose another.',
    'pin-repeat':
      'This PIN repeats a pattern (like 111111, 121212 or 112233) and is easy to guess. Choose another.',
    'pin-common': 'This PIN is one of the most used and easy to guess. Choose another.',
    'pin-nik': 'The PIN must not come from your NIK (like its first or last 6 digits). Choose another.',
    'pin-kk': 'The PIN must not come from your family card number. Choose another.',
    'pin-birth': 'The PIN must not be your date of birth, in any order. Choose another.',
    'pin-mismatch': 'The two PINs differ. Type the same PIN again.',
    'consent-required': 'Tick the consent box to continue.',
    'guardian-required': 'Under 18, a parent or guardian must agree. Tick this box.',
    'label-invalid': 'The device name can be at most 40 characters.',
    notVerified: 'The NIK and family card number do not match the village population data. Check both.',
    notVerifiedHelp: (contact) => `If they are right but still refused, please come to ${contact}.`,
    wrongPin: (left) => (left > 0 ? `Wrong NIK or PIN. ${left} tries left.` : 'Wrong NIK or PIN.'),
    pinLocked: (wait) => `Wait ${wait} before entering the PIN again.`,
    locked: (wait, time) =>
      `Too many wrong tries. For your safety, wait ${wait} and try again (after ${time}).`,
  },

  notice: {
    heading: 'Personal data protection notice',
    version: 'Notice version',
    kept: 'What we keep',
    keptText:
      'Your NIK and family card number as a one-way code (only to match them), your name and RT/RW from the village population data, your PIN as a one-way code, your phone’s MAC address, and a record of internet use (times and amounts of data).',
    why: 'Why',
    whyText:
      'To make sure the village Wi-Fi serves village residents, to share speed and quota fairly, and to report usage to the village government (totals only, no names).',
    howLong: 'How long',
    howLongText: (days) =>
      `As long as you are registered as a resident and use this service. Usage records are deleted after ${days} days.`,
    who: 'Ask about, see or delete your data',
    whoText: (f) =>
      `${f.contact}. You may withdraw your consent at any time; your data stops being used within 3 × 24 hours.`,
    full: 'Read the full notice',
    controller: (village) => `Data controller: the government of ${village}.`,
  },

  format: {
    seconds: (n) => `${n} ${n === 1 ? 'second' : 'seconds'}`,
    minutes: (n) => `${n} ${n === 1 ? 'minute' : 'minutes'}`,
    hours: (n) => `${n} ${n === 1 ? 'hour' : 'hours'}`,
    locale: 'en-GB',
    decimal: '.',
    timeSeparator: ':',
  },
};
