/**
 * Officers' accounts (`/v1/accounts`, permission `accounts:manage`: administrators): made with a
 * role and a scope that suits it, changed, disabled, their password reset (lifting a lock). A
 * change of role or scope, a reset and disabling end the account's sessions at once.
 */
import { accountParams, accountSchema, accountsSchema, changeAccountBody, createAccountBody, errorResponseSchema, resetPasswordBody, type Role, scopeProblem } from '@cakupan/contract';
import { parseRegionCode } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';

export interface AccountRoutesOptions {
  store: Pick<Store, 'accounts'>;
}

/**
 * Refuses a scope that does not suit the role (a print shop for a village, an operator for everything).
 *
 * @throws {HttpError} 400 naming the field
 */
export function requireScopeFits(role: Role, scope: string | null): void {
  const parsed = scope === null ? undefined : parseRegionCode(scope);
  const level = parsed === undefined ? 'national' : parsed.success ? (parsed.data.level as 'province' | 'city' | 'district' | 'village') : 'village';
  const problem = scopeProblem(role, level);
  if (problem) throw new HttpError(400, problem, [{ code: 'invalid_value', path: ['scope'], message: problem }]);
}

export const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const config = { permission: 'accounts:manage' } as const;
  const tags = ['accounts'];
  const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

  typed.get('/v1/accounts', { config, schema: { summary: 'The officers’ accounts (administrators)', tags, security, response: { 200: accountsSchema } } }, async () => ({
    accounts: (await opts.store.accounts.list()) as never,
  }));

  typed.post(
    '/v1/accounts',
    {
      config,
      schema: {
        summary: 'Make an officer’s account (administrators)',
        description:
          'With `password` the person signs in with it (and should change it); without, by single sign-on only — linked at the first sign-in ' +
          'to the provider’s identity whose `preferred_username` is this username. The scope must suit the role (see the README’s roles).',
        tags,
        security,
        body: createAccountBody,
        response: { 201: accountSchema, 400: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { scope = null, ...rest } = request.body;
      requireScopeFits(rest.role, scope);
      const made = await opts.store.accounts.add({ ...rest, scope, by: request.apiKeyLabel ?? null });
      return reply.status(201).send(made as never);
    },
  );

  typed.patch(
    '/v1/accounts/:username',
    {
      config,
      schema: {
        summary: 'Change an account’s name, role or scope, or disable it (administrators)',
        tags,
        security,
        params: accountParams,
        body: changeAccountBody,
        response: { 200: accountSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const before = await opts.store.accounts.get(request.params.username);
      if (!before) throw new HttpError(404, `no account ${request.params.username}`);
      requireScopeFits((request.body.role ?? before.role) as Role, request.body.scope === undefined ? before.scope : request.body.scope);
      return (await opts.store.accounts.change(request.params.username, request.body, request.apiKeyLabel ?? null)) as never;
    },
  );

  typed.post(
    '/v1/accounts/:username/reset',
    {
      config,
      schema: {
        summary: 'Reset an account’s password and lift its lock (administrators)',
        description: 'The person signs in with this password and must change it before anything else.',
        tags,
        security,
        params: accountParams,
        body: resetPasswordBody,
        response: { 200: accountSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const reset = await opts.store.accounts.resetPassword(request.params.username, request.body.password, request.apiKeyLabel ?? null);
      if (!reset) throw new HttpError(404, `no account ${request.params.username}`);
      return reset as never;
    },
  );
};
