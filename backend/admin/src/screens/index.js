// Every screen: its address, who may open it, and its name in the navigation (if it has one), or
// the navigation entry it belongs under (`within`) when its address is not under that entry's.
import { Audit } from './audit.js';
import { BikePage } from './bike.js';
import { CampaignPage, Campaigns, NewCampaign } from './campaigns.js';
import { Dashboard } from './dashboard.js';
import { Devices } from './devices.js';
import { Exceptions } from './exceptions.js';
import { Bikes, NewBike } from './fleet.js';
import { FleetFigures } from './fleet_figures.js';
import { CheckOut, LoanPage, Loans } from './loans.js';
import { MarkLost, ReturnLoan } from './loan_desk.js';
import { EditSite, Sites } from './sites.js';
import { EditPerson, NewPerson } from './staff_details.js';
import { ChangePassword } from './password.js';
import { Outbox, OutboxMessage } from './outbox.js';
import { NewPolicy, Policy } from './policy.js';
import { Components, Schedules, ServicesDue } from './servicing.js';
import { Person, Staff } from './staff.js';
import { StaffImport } from './staff_import.js';
import { UserAccount } from './user_account.js';
import { Users } from './users.js';
import { Waitlist } from './waitlist.js';
import { ActivityReport } from './report_activity.js';
import { DistanceReport } from './report_distance.js';
import { EquityReport } from './report_equity.js';
import { FleetUseReport } from './report_fleet_use.js';
import { ReportPacks } from './report_packs.js';
import { Reports } from './reports.js';
import { WorkOrderPage } from './work_order.js';
import { NewWorkOrder, Queue, WorkOrders } from './workshop.js';

const everyone = ['coordinator', 'technician', 'reporter'];
const coordinator = ['coordinator'];
const workshop = ['coordinator', 'technician'];
const reporting = ['coordinator', 'reporter'];

export const screens = [
  { path: '/', nav: 'Dashboard', roles: reporting, component: Dashboard },
  { path: '/fleet', nav: 'Fleet', roles: ['coordinator', 'technician'], component: Bikes },
  { path: '/fleet/new', roles: coordinator, component: NewBike },
  { path: '/fleet/sites', roles: coordinator, component: Sites },
  { path: '/fleet/sites/:id', roles: coordinator, component: EditSite },
  { path: '/fleet/:id', roles: ['coordinator', 'technician'], component: BikePage },
  { path: '/loans', nav: 'Loans', roles: coordinator, component: Loans },
  { path: '/loans/new', roles: coordinator, component: CheckOut },
  { path: '/loans/:id', roles: coordinator, component: LoanPage },
  { path: '/loans/:id/return', roles: coordinator, component: ReturnLoan },
  { path: '/loans/:id/lost', roles: coordinator, component: MarkLost },
  { path: '/staff', nav: 'Staff', roles: coordinator, component: Staff },
  { path: '/staff/import', roles: coordinator, component: StaffImport },
  { path: '/staff/new', roles: coordinator, component: NewPerson },
  { path: '/staff/:id', roles: coordinator, component: Person },
  { path: '/staff/:id/edit', roles: coordinator, component: EditPerson },
  { path: '/waitlist', nav: 'Waiting list', roles: coordinator, component: Waitlist },
  { path: '/policy', nav: 'Policy', roles: coordinator, component: Policy },
  { path: '/policy/new', roles: coordinator, component: NewPolicy },
  { path: '/workshop', nav: 'Workshop', roles: workshop, component: Queue },
  { path: '/workshop/orders', roles: workshop, component: WorkOrders },
  { path: '/workshop/orders/new', roles: workshop, component: NewWorkOrder },
  { path: '/workshop/orders/:id', roles: workshop, component: WorkOrderPage },
  { path: '/servicing', nav: 'Servicing', roles: workshop, component: ServicesDue },
  { path: '/servicing/schedules', roles: workshop, component: Schedules },
  { path: '/servicing/components', roles: workshop, component: Components },
  { path: '/reports', nav: 'Reports', roles: reporting, component: Reports },
  { path: '/reports/activity', roles: reporting, component: ActivityReport },
  { path: '/reports/equity', roles: reporting, component: EquityReport },
  { path: '/reports/fleet-use', roles: reporting, component: FleetUseReport },
  { path: '/reports/distance', roles: reporting, component: DistanceReport },
  { path: '/reports/packs', roles: reporting, component: ReportPacks },
  { path: '/fleet-figures', within: '/reports', roles: reporting, component: FleetFigures },
  { path: '/campaigns', nav: 'Campaigns', roles: workshop, component: Campaigns },
  { path: '/campaigns/new', roles: coordinator, component: NewCampaign },
  { path: '/campaigns/:id', roles: workshop, component: CampaignPage },
  { path: '/exceptions', nav: 'Kiosk exceptions', roles: coordinator, component: Exceptions },
  { path: '/outbox', nav: 'Outbox', roles: coordinator, component: Outbox },
  { path: '/outbox/:id', roles: coordinator, component: OutboxMessage },
  { path: '/devices', nav: 'Devices', roles: coordinator, component: Devices },
  { path: '/users', nav: 'Users', roles: coordinator, component: Users },
  { path: '/users/:id', roles: coordinator, component: UserAccount },
  { path: '/audit', nav: 'Audit log', roles: coordinator, component: Audit },
  { path: '/password', roles: everyone, component: ChangePassword },
];
