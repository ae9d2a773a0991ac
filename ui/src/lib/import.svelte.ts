// What the person has typed and chosen on the Import screen, kept outside
// the screen: if the screen is drawn again while the person is on it (the
// app loading again what moved, on focus and every two seconds while the
// window has the focus), the council being typed and the file chosen stay
// as they were. Leaving the screen, or following the Import link while on
// it (a new round: the App's `fresh`), starts afresh.
class ImportDraft {
  council = $state("");
  file = $state("");
  private round: number | null = null;

  /** The draft for round `round`; a new round starts from `council` (the
   *  council in the settings) and no file. */
  begin(round: number, council: string): ImportDraft {
    if (this.round !== round) {
      this.round = round;
      this.council = council;
      this.file = "";
    }
    return this;
  }

  /** Forgets the draft: the next screen starts afresh. */
  end() {
    this.round = null;
  }
}

export const importDraft = new ImportDraft();
