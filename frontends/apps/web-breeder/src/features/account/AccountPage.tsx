import { Badge, Button, Card, PageHeader } from "@reptidex/ui";
import { LogOut, MailCheck } from "lucide-react";
import { useState } from "react";
import { useNavigate } from "react-router";

import { useAuth, type Me } from "../../auth/AuthProvider";
import { notifyError, notifySuccess } from "../../lib/notify";
import { ConfirmDialog } from "../vivarium/ConfirmDialog";
import { useRequestVerification, useSignOutEverywhere } from "./accountQueries";
import { PasswordCard } from "./PasswordCard";
import { ProfileCard } from "./ProfileCard";

export default function AccountPage() {
  const { me } = useAuth();
  if (!me) return <PageHeader title="Account" />;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Account" subtitle={me.email} />
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <ProfileCard me={me} />
        <div className="flex flex-col gap-4">
          <EmailCard me={me} />
          <PasswordCard />
          <SessionsCard />
        </div>
      </div>
    </div>
  );
}

function EmailCard({ me }: { me: Me }) {
  const request = useRequestVerification();
  const [sent, setSent] = useState<string | null>(null);

  async function send() {
    try {
      const answer = await request.mutateAsync();
      setSent(answer.detail);
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <Card className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Email</h2>
        <Badge tone={me.email_verified ? "teal" : "amber"}>{me.email_verified ? "Verified" : "Not verified"}</Badge>
      </div>
      <p className="text-sm break-all">{me.email}</p>
      {me.email_verified ? (
        <p className="text-sm text-stone-600 dark:text-stone-400">Invitations and password resets reach you here.</p>
      ) : (
        <>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Open the link we emailed you to confirm this address. Nothing arrived? Check your spam folder, or send it again.
          </p>
          <div>
            <Button variant="secondary" icon={<MailCheck aria-hidden="true" size={16} />} busy={request.isPending} onClick={() => void send()}>
              Send the link again
            </Button>
          </div>
          {sent ? (
            <p role="status" className="text-sm text-teal-800 dark:text-teal-300">
              {sent}
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}

function SessionsCard() {
  const signOutAll = useSignOutEverywhere();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);

  async function confirm() {
    try {
      await signOutAll.mutateAsync();
      notifySuccess("Signed out on every device.");
      navigate("/login", { replace: true });
    } catch (error) {
      notifyError(error);
      setConfirming(false);
    }
  }

  return (
    <Card className="flex flex-col gap-2">
      <h2 className="text-lg font-semibold">Devices</h2>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        Lost a phone, or signed in on a shared computer? End every session, this one included.
      </p>
      <div>
        <Button variant="secondary" icon={<LogOut aria-hidden="true" size={16} />} onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Sign out on every device?"
        confirmLabel="Sign out everywhere"
        danger
        busy={signOutAll.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => void confirm()}
      >
        Every device signed in to your account, this one included, will need your password again.
      </ConfirmDialog>
    </Card>
  );
}
