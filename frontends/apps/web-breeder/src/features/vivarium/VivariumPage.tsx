import { PageHeader } from "@reptidex/ui";

export default function VivariumPage() {
  return <PageHeader title="Vivarium & members" />;
}
