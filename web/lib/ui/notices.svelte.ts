// Short messages for the user (a toast region read by screen readers): info, success, neutral, error.
export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'neutral' | 'error';
  text: string;
}

class Notices {
  list = $state<Notice[]>([]);
  #next = 1;

  push(tone: Notice['tone'], text: string, ms = tone === 'error' ? 12_000 : 6_000): void {
    const id = this.#next++;
    this.list = [...this.list, { id, tone, text }];
    setTimeout(() => this.dismiss(id), ms);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();
