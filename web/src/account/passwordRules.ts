/**
 * The server's password policy (src/auth/password.ts), repeated here so that the form can say
 * what is wrong in the user's language before anything is sent. The server decides.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'containsUsername' | 'tooFewDistinct';

export function passwordProblem(password: string, username: string | undefined): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'containsUsername';
  if (new Set(password).size < 5) return 'tooFewDistinct';
  return null;
}
