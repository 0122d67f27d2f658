/**
 * Heading ids as kramdown makes them, so that links written for the original site keep working:
 * lowercase, letters, digits and hyphens only, spaces become hyphens, no leading digits.
 */
export function headingSlug(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .replace(/^[^a-z]+/, "");
  return slug === "" ? "section" : slug;
}
