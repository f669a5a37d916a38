import { type AddressInfo, createServer, type Socket } from 'node:net';

/** A folder as the peer serves it: UIDVALIDITY and messages by UID. */
export interface PeerFolder {
  uidValidity: number;
  messages: Map<number, Buffer>;
}

export interface ImapPeer {
  readonly port: number;
  readonly folder: PeerFolder;
  /** Every command received, with LOGIN's password replaced. */
  readonly commands: string[];
  /** Commands that would change the mailbox (STORE, EXPUNGE, MOVE, COPY, DELETE ...). */
  readonly writes: string[];
  close(): Promise<void>;
}

const writeCommands = new Set(['STORE', 'EXPUNGE', 'MOVE', 'COPY', 'DELETE', 'APPEND', 'RENAME', 'CREATE']);

/** IMAP quoted string or atom → its value (RFC 3501 section 4.3). */
function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, -1).replace(/\\(["\\])/g, '$1') : value;
}

/**
 * A small real IMAP4rev1 server (RFC 3501) on a loopback port: LOGIN, EXAMINE/SELECT, UID SEARCH and UID FETCH of
 * whole messages from one folder. Enough for a client that only reads; it refuses everything else.
 */
export async function startImapPeer(
  credentials: { user: string; pass: string },
  folderName = 'INBOX',
): Promise<ImapPeer> {
  const folder: PeerFolder = { uidValidity: 1001, messages: new Map() };
  const commands: string[] = [];
  const writes: string[] = [];
  const sockets = new Set<Socket>();

  const handle = (socket: Socket, line: string) => {
    const [tag = '*', rawCommand = '', ...rest] = line.split(' ');
    const command = rawCommand.toUpperCase();
    const args = rest.join(' ');
    commands.push(command === 'LOGIN' ? `${tag} LOGIN ${rest[0] ?? ''} [hidden]` : line);
    const ok = (text = 'done') => socket.write(`${tag} OK ${text}\r\n`);
    const uids = () => [...folder.messages.keys()].sort((a, b) => a - b);
    switch (command) {
      case 'CAPABILITY':
        socket.write('* CAPABILITY IMAP4rev1\r\n');
        return ok();
      case 'LOGIN': {
        const [user = '', pass = ''] = (args.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? []).map(unquote);
        if (user === credentials.user && pass === credentials.pass)
          return ok('[CAPABILITY IMAP4rev1] logged in');
        return socket.write(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n`);
      }
      case 'NOOP':
        return ok();
      case 'LIST':
      case 'LSUB': {
        // `LIST "" ""` asks for the hierarchy delimiter (RFC 3501 section 6.3.8).
        const pattern = unquote(args.split(' ').at(-1) ?? '');
        if (pattern === '') socket.write(`* ${command} (\\Noselect) "/" ""\r\n`);
        else if (pattern === folderName || pattern === '*' || pattern === '%') {
          socket.write(`* ${command} () "/" ${folderName}\r\n`);
        }
        return ok();
      }
      case 'EXAMINE':
      case 'SELECT': {
        if (unquote(args) !== folderName) return socket.write(`${tag} NO [NONEXISTENT] No such folder\r\n`);
        const all = uids();
        socket.write(
          `* FLAGS (\\Seen)\r\n* ${all.length} EXISTS\r\n* 0 RECENT\r\n` +
            `* OK [UIDVALIDITY ${folder.uidValidity}] UIDs valid\r\n* OK [UIDNEXT ${(all.at(-1) ?? 0) + 1}] next\r\n`,
        );
        return ok(command === 'EXAMINE' ? '[READ-ONLY] examined' : '[READ-WRITE] selected');
      }
      case 'UID':
        return uidCommand(socket, tag, args, uids());
      case 'LOGOUT':
        socket.write(`* BYE logging out\r\n${tag} OK bye\r\n`);
        socket.end();
        return;
      default:
        if (writeCommands.has(command)) writes.push(line);
        return socket.write(`${tag} BAD ${command} is not supported here\r\n`);
    }
  };

  const uidCommand = (socket: Socket, tag: string, args: string, all: number[]) => {
    const [sub = '', ...rest] = args.split(' ');
    const range = rest.find((part) => /^\d+(:(\d+|\*))?(,\d+(:(\d+|\*))?)*$/.test(part)) ?? '';
    const [from = '0', to = '*'] = range.split(':');
    const inRange = all.filter((uid) => uid >= Number(from) && (to === '*' || uid <= Number(to)));
    // `n:*` includes the newest message even below n (RFC 3501 section 6.4.8).
    const matched = inRange.length === 0 && to === '*' && all.length > 0 ? [all.at(-1) as number] : inRange;
    if (sub.toUpperCase() === 'SEARCH') {
      socket.write(`* SEARCH${matched.map((uid) => ` ${uid}`).join('')}\r\n${tag} OK search done\r\n`);
      return;
    }
    if (sub.toUpperCase() === 'FETCH') {
      for (const uid of matched) {
        const body = folder.messages.get(uid) as Buffer;
        socket.write(`* ${all.indexOf(uid) + 1} FETCH (UID ${uid} BODY[] {${body.length}}\r\n`);
        socket.write(body);
        socket.write(')\r\n');
      }
      socket.write(`${tag} OK fetch done\r\n`);
      return;
    }
    writes.push(`${tag} UID ${args}`);
    socket.write(`${tag} BAD UID ${sub} is not supported here\r\n`);
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    socket.write('* OK [CAPABILITY IMAP4rev1] Enamel test IMAP ready\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      let end = buffered.indexOf('\r\n');
      while (end >= 0) {
        handle(socket, buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
        end = buffered.indexOf('\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    folder,
    commands,
    writes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
