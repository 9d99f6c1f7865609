import { PageHeader } from "@reptidex/ui";

export default function AccountPage() {
  return <PageHeader title="Account" />;
}
