#pragma once

// Each area of the API registers its routes here; app.cpp calls every one of them.

namespace pedalpower::api {

class app;
class router;
namespace auth {
class access;
}

void add_health_routes(router& routes, const app& application);
void add_sites_routes(router& routes, const app& application);
void add_bikes_routes(router& routes, const app& application);
void add_staff_routes(router& routes, const app& application);
void add_policy_routes(router& routes, const app& application);
void add_kiosk_exception_routes(router& routes, const app& application);
void add_telematics_routes(router& routes, const app& application);
void add_osmand_routes(router& routes, const app& application);
void add_outbox_routes(router& routes, const app& application);
void add_work_order_routes(router& routes, const app& application);
void add_servicing_routes(router& routes, const app& application);
void add_campaign_routes(router& routes, const app& application);
void add_choice_routes(router& routes);
void add_personal_data_routes(router& routes, const app& application);
void add_gbfs_routes(router& routes, const app& application);
void add_report_pack_routes(router& routes, const app& application);
// Kiosks act for the staff member identified at them, which `identity` knows.
void add_loan_routes(router& routes, const app& application, const auth::access& identity);
void add_waitlist_routes(router& routes, const app& application, const auth::access& identity);
void add_kiosk_routes(router& routes, const app& application, const auth::access& identity);
void add_report_routes(router& routes, const app& application, const auth::access& identity);

/// Each route takes the query parameters and JSON body fields the OpenAPI document gives it, and no
/// other, and answers only a caller whose Accept welcomes one of its documented answer types; an
/// operation marked `x-open-query` (a protocol whose clients add their own) takes any parameter and Accept.
void declare_documented_contract(router& routes);

}  // namespace pedalpower::api
