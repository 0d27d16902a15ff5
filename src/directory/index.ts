export {
  findAccount,
  findAccountById,
  findAccounts,
  markVerified,
  resetTwoFactor,
  setPassword,
  type Account,
} from './accounts.js';
export { DEMO_PASSWORD, demoAccounts, seedDemoAccounts, type DemoAccount } from './demo.js';
export {
  issueOwnershipCode,
  OWNERSHIP_MAX_ATTEMPTS,
  verifyOwnershipCode,
  type IssueOwnershipCodeInput,
  type OwnershipCheck,
} from './ownership.js';
export { hashPassword, verifyPassword, type PasswordHash } from './password.js';
export { checkNewPassword, type PasswordIssue } from './password-policy.js';
export {
  issueToken,
  peekToken,
  redeemToken,
  type IssueTokenInput,
  type RedeemResult,
  type Token,
  type TokenError,
} from './tokens.js';
