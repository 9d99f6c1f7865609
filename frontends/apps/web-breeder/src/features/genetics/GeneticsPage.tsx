import { PageHeader } from "@reptidex/ui";

export default function GeneticsPage() {
  return <PageHeader title="Genetics calculator" />;
}
