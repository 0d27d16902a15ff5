import type { Access } from './http.js';

/**
 * Every route of the support API, under `/api/v1/support`. The server registers exactly these,
 * and the security tests walk this list, so a new route cannot slip in without its access rule.
 */
export const SUPPORT_API = [
  { method: 'post', path: '/session', access: 'public', handler: 'signIn' },
  { method: 'get', path: '/session', access: 'any', handler: 'whoAmI' },
  { method: 'del', path: '/session', access: 'any', handler: 'signOut' },
  { method: 'post', path: '/session/password', access: 'pending', handler: 'changePassword' },
  { method: 'post', path: '/session/enrolment', access: 'pending', handler: 'startEnrolment' },
  {
    method: 'post',
    path: '/session/enrolment/confirm',
    access: 'pending',
    handler: 'confirmEnrolment',
  },
  { method: 'post', path: '/session/second-factor', access: 'pending', handler: 'secondFactor' },
  { method: 'get', path: '/cases', access: 'staff', handler: 'listCases' },
  { method: 'get', path: '/cases/:ref', access: 'staff', handler: 'getCase' },
  { method: 'get', path: '/cases/:ref/export', access: 'staff', handler: 'exportCase' },
  { method: 'get', path: '/cases/:ref/print', access: 'staff', handler: 'printCase' },
  { method: 'post', path: '/cases/:ref/resolve', access: 'staff', handler: 'resolveCase' },
  { method: 'post', path: '/cases/:ref/messages', access: 'staff', handler: 'messageUser' },
  { method: 'post', path: '/cases/:ref/reset-2fa', access: 'staff', handler: 'resetCaseTwoFactor' },
  {
    method: 'post',
    path: '/cases/:ref/resend-verification',
    access: 'staff',
    handler: 'resendVerification',
  },
  { method: 'get', path: '/notice', access: 'staff', handler: 'getNotice' },
  { method: 'put', path: '/notice', access: 'staff', handler: 'setNotice' },
  { method: 'del', path: '/notice', access: 'staff', handler: 'removeNotice' },
  { method: 'get', path: '/overview', access: 'staff', handler: 'getOverview' },
] as const satisfies ReadonlyArray<{
  method: 'get' | 'post' | 'put' | 'del';
  path: string;
  access: Access;
  handler: string;
}>;

export type SupportRoute = (typeof SUPPORT_API)[number];
export type HandlerName = SupportRoute['handler'];

export const SUPPORT_PREFIX = '/api/v1/support';
