// A success message carried to the next screen (the GOV.UK notification
// banner), shown once, with what the change did to other records (the
// core's notices: requests to attend withdrawn or sent back).
export type Shown = { title: string; warnings: string[]; notices: string[] };

class Notice {
  title = $state("");
  warnings: string[] = $state([]);
  notices: string[] = $state([]);
  set(title: string, warnings: string[] = [], notices: string[] = []) {
    this.title = title;
    this.warnings = warnings;
    this.notices = notices;
  }
  take(): Shown | null {
    if (!this.title) return null;
    const n = { title: this.title, warnings: this.warnings, notices: this.notices };
    this.title = "";
    this.warnings = [];
    this.notices = [];
    return n;
  }
}
export const notice = new Notice();
