import type { Config } from '../../../platform/config.ts';
import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { SendingProfileTable } from '../../../platform/db/schema.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { classifyFailure, domainOf } from './delivery.ts';
import {
  createProfileTransport,
  dkimKeyColumn,
  openProfile,
  profileHeaders,
  type SendingProfileRow,
  smtpUrlColumn,
} from './profile-secrets.ts';
import { presentProfile } from './sending.present.ts';
import type {
  CreateSendingProfileInput,
  SendingProfileView,
  TestEmailInput,
  TestEmailResult,
  UpdateSendingProfileInput,
} from './sending.schema.ts';
import * as store from './sending.store.ts';

/** DSOs with a test email on its way: one at a time each, so the endpoint cannot be used to send mail in bulk. */
const testsInFlight = new Set<string>();

/** Sending profiles (docs/phishing/sending.md): SMTP servers campaigns send through, secrets sealed at rest. */
export function createSendingProfiles(
  deps: ServiceDeps,
  secrets: SecretBox,
  config: Pick<Config, 'mailFrom'>,
) {
  const now = () => deps.clock.now().toISOString();

  async function view(row: SendingProfileRow): Promise<SendingProfileView> {
    const opened = await openProfile(secrets, row);
    return presentProfile(row, opened.url);
  }

  async function load(scope: Scope, id: string): Promise<SendingProfileRow> {
    const row = await store.findProfile(deps.db, scope.dsoId, id);
    if (!row) throw notFound('Sending profile', id);
    return row;
  }

  const trail = (scope: Scope, action: string, id: string, at: string, input: object) => ({
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'sendingProfile',
    resourceId: id,
    occurredAt: at,
    changedFields: audit.fieldNames(input),
  });

  return {
    async list(scope: Scope): Promise<{ items: SendingProfileView[] }> {
      const rows = await store.listProfiles(deps.db, scope.dsoId);
      return { items: await Promise.all(rows.map(view)) };
    },

    async get(scope: Scope, id: string): Promise<SendingProfileView> {
      return view(await load(scope, id));
    },

    async create(scope: Scope, input: CreateSendingProfileInput): Promise<SendingProfileView> {
      const id = newId();
      const at = now();
      const row: SendingProfileTable = {
        id,
        dsoId: scope.dsoId,
        name: input.name,
        smtpUrl: await secrets.encrypt(input.smtpUrl, smtpUrlColumn.aad({ id })),
        maxConnections: input.maxConnections,
        dkimDomain: input.dkim?.domain ?? null,
        dkimSelector: input.dkim?.selector ?? null,
        dkimPrivateKey: input.dkim
          ? await secrets.encrypt(input.dkim.privateKey, dkimKeyColumn.aad({ id }))
          : null,
        headers: JSON.stringify(input.headers),
        simulationHeaderName: input.simulationHeader.name,
        simulationHeaderValue: input.simulationHeader.value,
        createdAt: at,
        updatedAt: at,
      };
      await deps.db.transaction().execute(async (trx) => {
        await store.insertProfile(trx, row);
        await audit.record(trx, trail(scope, 'sendingProfiles.create', id, at, input));
      });
      return view(row);
    },

    async update(scope: Scope, id: string, input: UpdateSendingProfileInput): Promise<SendingProfileView> {
      const existing = await load(scope, id);
      const at = now();
      const changes: Partial<SendingProfileTable> = { updatedAt: at };
      if (input.name !== undefined) changes.name = input.name;
      if (input.maxConnections !== undefined) changes.maxConnections = input.maxConnections;
      if (input.headers !== undefined) changes.headers = JSON.stringify(input.headers);
      if (input.simulationHeader !== undefined) {
        changes.simulationHeaderName = input.simulationHeader.name;
        changes.simulationHeaderValue = input.simulationHeader.value;
      }
      if (input.smtpUrl !== undefined) {
        changes.smtpUrl = await secrets.encrypt(input.smtpUrl, smtpUrlColumn.aad({ id }));
      }
      if (input.dkim === null) {
        Object.assign(changes, { dkimDomain: null, dkimSelector: null, dkimPrivateKey: null });
      } else if (input.dkim !== undefined) {
        if (input.dkim.privateKey === undefined && existing.dkimPrivateKey === null) {
          throw new AppError('VALIDATION_FAILED', 'DKIM signing needs a private key.', [
            {
              path: ['body', 'dkim', 'privateKey'],
              code: 'required',
              message: 'is required to turn DKIM on',
            },
          ]);
        }
        changes.dkimDomain = input.dkim.domain;
        changes.dkimSelector = input.dkim.selector;
        if (input.dkim.privateKey !== undefined) {
          changes.dkimPrivateKey = await secrets.encrypt(input.dkim.privateKey, dkimKeyColumn.aad({ id }));
        }
      }
      await deps.db.transaction().execute(async (trx) => {
        await store.updateProfile(trx, scope.dsoId, id, changes);
        await audit.record(trx, trail(scope, 'sendingProfiles.update', id, at, input));
      });
      return view({ ...existing, ...changes });
    },

    async remove(scope: Scope, id: string): Promise<void> {
      const at = now();
      await deps.db.transaction().execute(async (trx) => {
        if (!(await store.findProfile(trx, scope.dsoId, id))) throw notFound('Sending profile', id);
        const campaigns = await store.unfinishedCampaignsUsing(trx, scope.dsoId, id);
        if (campaigns.length > 0) {
          throw new AppError(
            'CONFLICT',
            `Sending profile "${id}" is used by campaigns that are not finished (${campaigns
              .map((name) => `"${name}"`)
              .join(', ')}): finish or cancel them, or give them another profile, first.`,
          );
        }
        await store.deleteProfile(trx, scope.dsoId, id);
        await audit.record(trx, trail(scope, 'sendingProfiles.delete', id, at, {}));
      });
    },

    /** Sends one plain test email through the profile and answers the server's reply or the error. */
    async sendTest(scope: Scope, id: string, input: TestEmailInput): Promise<TestEmailResult> {
      const row = await load(scope, id);
      const from = input.from ?? config.mailFrom;
      if (from === undefined) {
        throw new AppError('VALIDATION_FAILED', 'Give the sender address of the test email.', [
          {
            path: ['body', 'from'],
            code: 'required',
            message: 'is required when ENAMEL_MAIL_FROM is not set',
          },
        ]);
      }
      if (testsInFlight.has(scope.dsoId)) {
        throw new AppError(
          'CONFLICT',
          'A test email is already being sent; wait for its answer, then retry.',
        );
      }
      testsInFlight.add(scope.dsoId);
      try {
        return await sendOne(row, input.to, from);
      } finally {
        testsInFlight.delete(scope.dsoId);
        await deps.db.transaction().execute(async (trx) => {
          await audit.record(trx, trail(scope, 'sendingProfiles.test', id, now(), {}));
        });
      }
    },
  };

  async function sendOne(row: SendingProfileRow, to: string, from: string): Promise<TestEmailResult> {
    const profile = await openProfile(secrets, row);
    const transport = createProfileTransport(profile, false);
    const domain = profile.dkim?.domain ?? domainOf(from);
    try {
      const info = await transport.sendMail({
        from: { name: 'Enamel', address: from },
        to,
        subject: `Enamel sending profile test: ${row.name}`,
        text:
          `This is a test email from the Enamel sending profile "${row.name}".\n\n` +
          `Phishing simulations sent through this profile carry the header ` +
          `"${profile.simulationHeader.name}: ${profile.simulationHeader.value}".\n`,
        messageId: `<test-${newId()}@${domain}>`,
        headers: profileHeaders(profile),
      });
      const code = Number.parseInt(info.response, 10);
      return {
        accepted: info.accepted.length > 0,
        response: info.response,
        responseCode: Number.isFinite(code) ? code : null,
        messageId: info.messageId,
      };
    } catch (error) {
      const failure = classifyFailure(error);
      return {
        accepted: false,
        response: failure.response,
        responseCode: failure.responseCode,
        messageId: null,
      };
    } finally {
      transport.close();
    }
  }
}

export type SendingProfiles = ReturnType<typeof createSendingProfiles>;
