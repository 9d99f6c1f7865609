import { ApiProblem } from "@reptidex/api-client";
import { Button } from "@reptidex/ui";
import { MailCheck } from "lucide-react";
import { useState } from "react";

import { useAuth } from "../../auth/AuthProvider";
import { notifyError } from "../../lib/notify";
import { useRequestVerification } from "../account/accountQueries";

/** The service's refusal to let an unverified address answer an invitation. */
export function isEmailNotVerified(error: unknown): boolean {
  return error instanceof ApiProblem && error.slug === "email-not-verified";
}

/**
 * Why an invitation cannot be answered yet, in plain words, with the verification email one
 * click away: only the inbox the invitation was sent to may take its seat.
 */
export function EmailNotVerifiedNotice({ className = "" }: { className?: string }) {
  const { me } = useAuth();
  const request = useRequestVerification();
  const [sent, setSent] = useState<string | null>(null);

  async function send() {
    try {
      setSent((await request.mutateAsync()).detail);
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <div
      role="alert"
      className={`flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100 ${className}`}
    >
      <p className="font-semibold">Confirm your email address first</p>
      <p>
        Invitations can only be answered from a confirmed address, so that nobody else can take a place meant for you.
        Open the link we emailed to {me?.email ?? "you"}, then come back here.
      </p>
      <div>
        <Button size="sm" variant="secondary" icon={<MailCheck aria-hidden="true" size={16} />} busy={request.isPending} onClick={() => void send()}>
          Send the confirmation email again
        </Button>
      </div>
      {sent ? <p role="status">{sent}</p> : null}
    </div>
  );
}
