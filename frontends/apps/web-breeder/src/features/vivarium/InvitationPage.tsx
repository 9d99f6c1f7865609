import { PageHeader } from "@reptidex/ui";

export default function InvitationPage() {
  return <PageHeader title="Invitation" />;
}
