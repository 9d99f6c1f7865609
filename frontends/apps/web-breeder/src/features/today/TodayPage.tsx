import { PageHeader } from "@reptidex/ui";

export default function TodayPage() {
  return <PageHeader title="Today" />;
}
