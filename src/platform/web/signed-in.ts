/**
 * Who is signed in, for the page being rendered: the shells that sign people
 * in (workspace, console) run each page's handler inside `withSignedIn`, and
 * the layout's header reads it to say who is signed in, for whom they act and
 * how to sign out — without every page having to pass it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface SignedIn {
  /** the person's name as the header shows it */
  name: string;
  /** whom they act for, in words, when not themselves */
  actingFor?: string;
  /** how long an idle session lasts, in minutes, when the shell knows */
  idleMinutes?: number;
}

const current = new AsyncLocalStorage<SignedIn>();

/** Runs `work` (a page's handler) with `who` as the signed-in person its pages show. */
export function withSignedIn<T>(who: SignedIn, work: () => T): T {
  return current.run(who, work);
}

/** The signed-in person of the page being rendered, if a shell named one. */
export function signedInNow(): SignedIn | undefined {
  return current.getStore();
}
