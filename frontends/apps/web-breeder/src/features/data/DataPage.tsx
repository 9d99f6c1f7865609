import { PageHeader } from "@reptidex/ui";

export default function DataPage() {
  return <PageHeader title="Import & export" />;
}
