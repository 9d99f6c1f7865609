import { PageHeader } from "@reptidex/ui";

export default function PairingPage() {
  return <PageHeader title="Pairing" />;
}
