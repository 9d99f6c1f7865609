import { PageHeader } from "@reptidex/ui";

export default function ClutchPage() {
  return <PageHeader title="Clutch" />;
}
