import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mail, Mailer } from '../domain/mails.js';

export interface CapturedMail extends Mail {
  id: string;
  from: string;
  sentAt: string;
  /** The links in the text, so a test or a developer can follow them without parsing. */
  links: string[];
}

/**
 * The development mailer: each mail becomes a JSON file under DATA_DIR/mail, readable
 * at GET /dev/mailbox?to=… (mounted only in this mode). File names sort by time.
 */
export class CaptureMailer implements Mailer {
  constructor(
    private readonly directory: string,
    private readonly from: string,
  ) {}

  async send(mail: Mail): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const sentAt = new Date().toISOString();
    const captured: CapturedMail = {
      id: randomUUID(),
      from: this.from,
      sentAt,
      ...mail,
      links: mail.text.match(/https?:\/\/\S+/g) ?? [],
    };
    const name = `${sentAt.replace(/[:.]/g, '-')}-${captured.id}.json`;
    // Written aside, then renamed: a reader never sees half a mail.
    await writeFile(join(this.directory, `.${name}`), JSON.stringify(captured, null, 2), { mode: 0o600 });
    await rename(join(this.directory, `.${name}`), join(this.directory, name));
  }

  /** The newest mails first, to one recipient (case-insensitive), at most `limit`. */
  async mailbox(to: string, limit = 50): Promise<CapturedMail[]> {
    let files: string[];
    try {
      files = (await readdir(this.directory)).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    } catch {
      return [];
    }
    const recipient = to.trim().toLowerCase();
    const found: CapturedMail[] = [];
    // Only the newest files are read: this is a development tool, not an archive.
    for (const file of files.sort().reverse().slice(0, 2000)) {
      const mail = JSON.parse(await readFile(join(this.directory, file), 'utf8')) as CapturedMail;
      if (mail.to.toLowerCase() === recipient) found.push(mail);
      if (found.length >= limit) break;
    }
    return found;
  }
}
