import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { api, ApiError, messageOf, setCsrfToken } from './api';
import type { Next } from './types';

type Step = Next | 'sign_in' | 'recovery_codes';

interface Props {
  /** Why the sign-in form shows (e.g. the session ended). */
  reason: string | null;
  /** Where to start: the sign-in form, or a step a pending session is at. */
  start: Step;
  onSignedIn(): void;
}

/** One labelled input; `hint` is read out with it. */
function Field(props: {
  id: string;
  label: string;
  hint?: string;
  type?: string;
  value: string;
  autoComplete: string;
  inputMode?: 'numeric' | 'email' | 'text';
  onInput(value: string): void;
  inputRef?: { current: HTMLInputElement | null };
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        ref={props.inputRef}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        required
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
    </div>
  );
}

function Problem({ text }: { text: string | null }) {
  return (
    <div class="problem" role="alert" aria-live="assertive">
      {text}
    </div>
  );
}

/** A form that disables itself while its request runs and shows the refusal in words. */
function useSubmit(run: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const onSubmit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await run();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, onSubmit };
}

function SignInForm({ reason, onNext }: { reason: string | null; onNext(next: Next): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, problem, onSubmit } = useSubmit(async () => {
    const answer = await api<{ next: Next; csrfToken: string }>('POST', '/session', {
      email,
      password,
    });
    setCsrfToken(answer.csrfToken);
    onNext(answer.next);
  });
  return (
    <form onSubmit={onSubmit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to the support console</h1>
      {reason && <p class="info">{reason}</p>}
      <Field
        id="email"
        label="E-mail address"
        type="email"
        inputMode="email"
        autoComplete="username"
        value={email}
        onInput={setEmail}
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onInput={setPassword}
      />
      <Problem text={problem} />
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}

function ChangePasswordForm({ onNext }: { onNext(next: Next): void }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, problem, onSubmit } = useSubmit(async () => {
    if (password !== repeat)
      throw new ApiError(422, 'mismatch', 'the two passwords are not the same');
    const answer = await api<{ next: Next }>('POST', '/session/password', { password });
    onNext(answer.next);
  });
  return (
    <form onSubmit={onSubmit} aria-labelledby="change-title">
      <h1 id="change-title">Choose your own password</h1>
      <p>
        The password you were given works only once. Choose one of at least 12 characters that you
        use nowhere else; a password manager helps.
      </p>
      <Field
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        value={password}
        onInput={setPassword}
      />
      <Field
        id="repeat-password"
        label="New password again"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onInput={setRepeat}
      />
      <Problem text={problem} />
      <button type="submit" disabled={busy}>
        Save password
      </button>
    </form>
  );
}

interface Enrolment {
  secret: string;
  qr: string;
  issuer: string;
  account: string;
}

/** The secret in groups of four, as authenticator apps show it when typed in by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

function EnrolForm({ onEnrolled }: { onEnrolled(codes: string[]): void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [code, setCode] = useState('');
  useEffect(() => {
    api<Enrolment>('POST', '/session/enrolment').then(setEnrolment, (e) =>
      setLoadProblem(messageOf(e)),
    );
  }, []);
  const { busy, problem, onSubmit } = useSubmit(async () => {
    const answer = await api<{ csrfToken: string; recoveryCodes: string[] }>(
      'POST',
      '/session/enrolment/confirm',
      { code: code.replace(/\s/g, '') },
    );
    setCsrfToken(answer.csrfToken);
    onEnrolled(answer.recoveryCodes);
  });
  return (
    <form onSubmit={onSubmit} aria-labelledby="enrol-title">
      <h1 id="enrol-title">Set up two-step verification</h1>
      <p>
        Support can turn off other people's two-step verification, so your own account needs it too.
        It takes a minute:
      </p>
      <ol class="steps">
        <li>
          Open an authenticator app on your phone, such as Microsoft Authenticator or Google
          Authenticator.
        </li>
        <li>Add an account and scan this QR code.</li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      {loadProblem && <Problem text={loadProblem} />}
      {enrolment && (
        <div class="enrol">
          <img
            src={enrolment.qr}
            width={200}
            height={200}
            alt={`QR code for ${enrolment.issuer}, account ${enrolment.account}`}
          />
          <div>
            <p class="hint">Cannot scan? Choose "enter a setup key" in the app and type:</p>
            <p class="secret" data-testid="totp-secret" aria-label="Setup key">
              {grouped(enrolment.secret)}
            </p>
            <p class="hint">Account: {enrolment.account}. Type: time-based.</p>
          </div>
        </div>
      )}
      <Field
        id="enrol-code"
        label="6-digit code from the app"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onInput={setCode}
      />
      <Problem text={problem} />
      <button type="submit" disabled={busy || !enrolment}>
        Turn on two-step verification
      </button>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const [stored, setStored] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div aria-labelledby="codes-title">
      <h1 id="codes-title" tabIndex={-1} ref={heading}>
        Save your recovery codes
      </h1>
      <p>
        If you lose your phone, each of these codes lets you sign in once instead of a code from the
        app. This is the only time they are shown: print them or keep them in your password manager,
        not on your phone.
      </p>
      <ul class="codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div class="check">
        <input
          id="codes-stored"
          type="checkbox"
          checked={stored}
          onChange={(e) => setStored((e.target as HTMLInputElement).checked)}
        />
        <label for="codes-stored">I have stored these codes somewhere safe</label>
      </div>
      <button type="button" disabled={!stored} onClick={onDone}>
        Continue to the console
      </button>
    </div>
  );
}

function SecondFactorForm({ onSignedIn }: { onSignedIn(): void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), [useRecovery]);
  const { busy, problem, onSubmit } = useSubmit(async () => {
    const sent = useRecovery ? { recoveryCode: code } : { code: code.replace(/\s/g, '') };
    const answer = await api<{ csrfToken: string }>('POST', '/session/second-factor', sent);
    setCsrfToken(answer.csrfToken);
    onSignedIn();
  });
  return (
    <form onSubmit={onSubmit} aria-labelledby="code-title">
      <h1 id="code-title">Two-step verification</h1>
      {useRecovery ? (
        <Field
          id="recovery-code"
          label="Recovery code"
          hint="One of the codes you saved when you set up the app. Each works once."
          autoComplete="off"
          value={code}
          onInput={setCode}
          inputRef={input}
        />
      ) : (
        <Field
          id="totp-code"
          label="6-digit code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onInput={setCode}
          inputRef={input}
        />
      )}
      <Problem text={problem} />
      <button type="submit" disabled={busy}>
        Sign in
      </button>
      <p>
        <button
          type="button"
          class="link"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setCode('');
          }}
        >
          {useRecovery ? 'Use a code from the app instead' : 'Lost your phone? Use a recovery code'}
        </button>
      </p>
    </form>
  );
}

/** The sign-in steps: password, first-time password change, enrolment, recovery codes, code. */
export function SignIn({ reason, start, onSignedIn }: Props) {
  const [step, setStep] = useState<Step>(start);
  const [codes, setCodes] = useState<string[]>([]);
  return (
    <main class="sign-in">
      <div class="card">
        {step === 'sign_in' && <SignInForm reason={reason} onNext={setStep} />}
        {step === 'change_password' && <ChangePasswordForm onNext={setStep} />}
        {step === 'enrol' && (
          <EnrolForm
            onEnrolled={(c) => {
              setCodes(c);
              setStep('recovery_codes');
            }}
          />
        )}
        {step === 'recovery_codes' && <RecoveryCodes codes={codes} onDone={onSignedIn} />}
        {step === 'second_factor' && <SecondFactorForm onSignedIn={onSignedIn} />}
      </div>
    </main>
  );
}
