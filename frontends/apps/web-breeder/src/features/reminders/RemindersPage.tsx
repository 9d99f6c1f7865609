import { PageHeader } from "@reptidex/ui";

export default function RemindersPage() {
  return <PageHeader title="Reminders" />;
}
