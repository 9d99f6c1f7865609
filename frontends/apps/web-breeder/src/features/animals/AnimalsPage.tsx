import { PageHeader } from "@reptidex/ui";

export default function AnimalsPage() {
  return <PageHeader title="Collection" />;
}
