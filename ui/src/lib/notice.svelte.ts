// A success message carried to the next screen (the GOV.UK notification
// banner), shown once.
class Notice {
  title = $state("");
  warnings: string[] = $state([]);
  set(title: string, warnings: string[] = []) {
    this.title = title;
    this.warnings = warnings;
  }
  take(): { title: string; warnings: string[] } | null {
    if (!this.title) return null;
    const n = { title: this.title, warnings: this.warnings };
    this.title = "";
    this.warnings = [];
    return n;
  }
}
export const notice = new Notice();
