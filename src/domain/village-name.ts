// The village's name as configured (WARGANET_VILLAGE_NAME), which by habit already names its kind: "Desa Socorejo",
// "Kelurahan Kutorejo". Headings that add the kind themselves ("Pemerintah Desa …") check first.

/** True when the name already starts with "Desa" or "Kelurahan" (any case). */
export function namesItsKind(village: string): boolean {
  return /^(desa|kelurahan)\s/i.test(village.trim());
}
