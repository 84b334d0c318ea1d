/** A sign-in attempt with where it came from (for the limit and the audit). */
export interface SignInCommand {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
}
