import { Button, PageHeader } from "@reptidex/ui";
import { Plus } from "lucide-react";
import { useState } from "react";

import { ROLE_LABEL } from "../../lib/roles";
import { useCan } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { CreateVivariumDialog } from "./CreateVivariumDialog";
import { InvitationsCard } from "./InvitationsCard";
import { MembersCard } from "./MembersCard";
import { MyInvitationsCard } from "./MyInvitationsCard";
import { VivariumDetailsCard } from "./VivariumDetailsCard";
import { VivariumIdCard } from "./VivariumIdCard";

export default function VivariumPage() {
  const { current, vivariumId, role } = useVivarium();
  const mayInvite = useCan("curate");
  const [creating, setCreating] = useState(false);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Vivarium & members"
        subtitle={current && role ? `${current.vivarium_name} · you are ${ROLE_LABEL[role].toLowerCase()}` : undefined}
        actions={
          <Button variant="secondary" icon={<Plus aria-hidden="true" size={16} />} onClick={() => setCreating(true)}>
            New vivarium
          </Button>
        }
      />
      <MyInvitationsCard />
      {current ? (
        // Keyed by vivarium, so no form or message of one vivarium lingers on another.
        <div key={vivariumId} className="grid items-start gap-4 lg:grid-cols-2">
          <div className="flex flex-col gap-4">
            <VivariumDetailsCard vivariumId={vivariumId} />
            <VivariumIdCard vivariumId={vivariumId} vivariumName={current.vivarium_name} />
          </div>
          <div className="flex flex-col gap-4">
            <MembersCard vivariumId={vivariumId} vivariumName={current.vivarium_name} />
            {mayInvite ? <InvitationsCard vivariumId={vivariumId} vivariumName={current.vivarium_name} role={role} /> : null}
          </div>
        </div>
      ) : null}
      <CreateVivariumDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
