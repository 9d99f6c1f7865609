import { PageHeader } from "@reptidex/ui";

export default function TransfersPage() {
  return <PageHeader title="Transfers" />;
}
