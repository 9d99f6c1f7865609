import { PageHeader } from "@reptidex/ui";

export default function PedigreePage() {
  return <PageHeader title="Pedigree" />;
}
