// A QR code as SVG: the matrix drawn here as one path of dark modules (a square each) on a white quiet zone, so no
// markup from elsewhere reaches the page and it prints sharp. The two-factor enrolment and the voucher cards use it.
import { encode } from 'uqr';

/** `link`: the text is a link the card opens, kept in `data-link` too (the voucher tests read it back). */
export function QrCode(props: { text: string; label: string; link?: boolean }) {
  const { data, size } = encode(props.text, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      class="qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={props.label}
      xmlns="http://www.w3.org/2000/svg"
      shape-rendering="crispEdges"
      data-link={props.link ? props.text : undefined}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
