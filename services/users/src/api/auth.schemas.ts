import { Type } from 'typebox';
import { Email, Strict, Text } from './common.schemas.js';

// Long enough for any passphrase the policy accepts; the policy itself gives the precise message.
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const OpaqueToken = Type.String({ minLength: 16, maxLength: 256, pattern: '^[A-Za-z0-9_-]+$' });

export const Role = Type.Union([Type.Literal('customer'), Type.Literal('admin'), Type.Literal('support')]);

export const RegisterBody = Strict({
  email: Email,
  password: Type.String({
    minLength: 1,
    maxLength: 1024,
    description: 'At least 12 characters and not a common or easily guessed password (NIST 800-63B)',
  }),
  name: Text(100, { description: 'Display name, shown e.g. as review author' }),
});

export const Registration = Strict(
  {
    status: Type.Literal('pending_verification'),
    email: Type.String({ description: 'The address as normalised (trimmed, NFKC, lower case)' }),
  },
  {
    description:
      'The same whether or not the address already had an account; GET /api/v1/users/me after signing in tells the new account',
  },
);

export const LoginBody = Strict({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password });

export const TokenPair = Strict({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
});

export const RefreshBody = Strict({ refreshToken: OpaqueToken });
export const TokenBody = Strict({ token: OpaqueToken });
export const ForgotPasswordBody = Strict({ email: Type.String({ minLength: 1, maxLength: 254 }) });
export const UnlockBody = Strict({ email: Type.String({ minLength: 1, maxLength: 254 }) });
export const ResetPasswordBody = Strict({ token: OpaqueToken, password: Password });
export const Accepted = Strict({ message: Type.String() });
