-- The scheme's starting pay-band policy and loan terms, in force from the 2025 launch.
--
-- Lower-paid staff are served first and keep a bike longest, because the scheme's equity aim is
-- that they benefit first and most, and their commute costs weigh most on their pay:
--   tier 1, 90 days: bands 1-4 (healthcare assistants, porters, domestic and catering staff, admin);
--   tier 2, 60 days: bands 5-6 (newly qualified and experienced nurses, therapists, scientists);
--   tier 3, 28 days: bands 7-8b (senior clinicians and managers);
--   tier 4, 28 days: bands 8c-9 and staff not on Agenda for Change (medical and dental, very senior
--   managers), most of whom earn above band 8b; a coordinator can place them elsewhere in a new version.
-- Everyone is eligible, loans are free with no deposit, one bike per person, and nobody rides
-- before the learn-to-ride and safety induction. A reservation is held for 24 hours.

INSERT INTO policy_versions(id, effective_from, reservation_hold_hours, note, created_by, created_at)
VALUES (1, '2025-01-01', 24, 'Default policy: lower pay bands first, free loans', 'system:migration', 1735689600);

INSERT INTO policy_bands(policy_version_id, pay_band, eligible, priority_tier, max_loan_days, weekly_fee_pence,
                         deposit_pence, max_concurrent_loans, induction_required)
VALUES (1, '1', 1, 1, 90, 0, 0, 1, 1),
       (1, '2', 1, 1, 90, 0, 0, 1, 1),
       (1, '3', 1, 1, 90, 0, 0, 1, 1),
       (1, '4', 1, 1, 90, 0, 0, 1, 1),
       (1, '5', 1, 2, 60, 0, 0, 1, 1),
       (1, '6', 1, 2, 60, 0, 0, 1, 1),
       (1, '7', 1, 3, 28, 0, 0, 1, 1),
       (1, '8a', 1, 3, 28, 0, 0, 1, 1),
       (1, '8b', 1, 3, 28, 0, 0, 1, 1),
       (1, '8c', 1, 4, 28, 0, 0, 1, 1),
       (1, '8d', 1, 4, 28, 0, 0, 1, 1),
       (1, '9', 1, 4, 28, 0, 0, 1, 1),
       (1, 'other', 1, 4, 28, 0, 0, 1, 1);

INSERT INTO terms_versions(version, body, published_at)
VALUES ('2025-01', 'Pedal Power e-bike loan terms (January 2025)

1. The bike, battery, charger, helmet, lock and lights stay the property of the Trust. Return them all, clean and charged, by the due date shown on your loan.
2. Ride safely and within the law: the motor assists up to 15.5 mph (25 km/h). Wear the helmet provided.
3. Always lock the bike to a fixed stand with the lock provided, and bring the battery indoors to charge.
4. Report any fault, damage, theft or loss straight away, at a kiosk or to the scheme coordinator. Do not ride a bike with faulty brakes or lights.
5. Only you may ride the bike. Do not lend it, sell it, modify it or use it for paid delivery work.
6. The bike''s position is recorded only while it is on loan, to count the journeys it replaces and to recover it if it is lost. You can ask for a copy of your data.
7. The coordinator may recall the bike for safety checks. You can return it early at any time.', 1735689600);
