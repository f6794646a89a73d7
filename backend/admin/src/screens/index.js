// Every screen: its address, who may open it, and its name in the navigation (if it has one).
import { Audit } from './audit.js';
import { BikePage } from './bike.js';
import { Dashboard } from './dashboard.js';
import { Devices } from './devices.js';
import { Exceptions } from './exceptions.js';
import { Bikes, NewBike } from './fleet.js';
import { CheckOut, LoanPage, Loans } from './loans.js';
import { ChangePassword } from './password.js';
import { NewPolicy, Policy } from './policy.js';
import { Person, Staff } from './staff.js';
import { StaffImport } from './staff_import.js';
import { Users } from './users.js';
import { Waitlist } from './waitlist.js';

const everyone = ['coordinator', 'technician', 'reporter'];
const coordinator = ['coordinator'];

export const screens = [
  { path: '/', nav: 'Dashboard', roles: ['coordinator', 'reporter'], component: Dashboard },
  { path: '/fleet', nav: 'Fleet', roles: ['coordinator', 'technician'], component: Bikes },
  { path: '/fleet/new', roles: coordinator, component: NewBike },
  { path: '/fleet/:id', roles: ['coordinator', 'technician'], component: BikePage },
  { path: '/loans', nav: 'Loans', roles: coordinator, component: Loans },
  { path: '/loans/new', roles: coordinator, component: CheckOut },
  { path: '/loans/:id', roles: coordinator, component: LoanPage },
  { path: '/staff', nav: 'Staff', roles: coordinator, component: Staff },
  { path: '/staff/import', roles: coordinator, component: StaffImport },
  { path: '/staff/:id', roles: coordinator, component: Person },
  { path: '/waitlist', nav: 'Waiting list', roles: coordinator, component: Waitlist },
  { path: '/policy', nav: 'Policy', roles: coordinator, component: Policy },
  { path: '/policy/new', roles: coordinator, component: NewPolicy },
  { path: '/exceptions', nav: 'Kiosk exceptions', roles: coordinator, component: Exceptions },
  { path: '/devices', nav: 'Devices', roles: coordinator, component: Devices },
  { path: '/users', nav: 'Users', roles: coordinator, component: Users },
  { path: '/audit', nav: 'Audit log', roles: coordinator, component: Audit },
  { path: '/password', roles: everyone, component: ChangePassword },
];
