#include "mail_delivery.hpp"

#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/domain/outbox.hpp"

namespace pedalpower::api {
namespace {

constexpr int batch_size = 10;

}  // namespace

void deliver_due_mail(const app& application)
{
  const auto& settings = application.config().notifications;
  if (!settings.relay) return;
  for (;;) {
    const auto due = domain::due_messages(application.reader(), pedalpower::current_time(), settings.hours, batch_size);
    if (due.empty()) return;
    for (const auto& entry : due) {
      // A message withdrawn since the batch was read stays unsent.
      const auto current = domain::find_outbox_entry(application.reader(), entry.id);
      if (!current || current->status != "pending") continue;
      const auto words = domain::write_message(entry, settings.scheme_name);
      const auto sent = mail::send(*settings.relay,
                                   {entry.message.recipient, words.subject, words.text, words.html, entry.message_id});
      const auto now = pedalpower::current_time();
      application.writer()
          .run([&entry, &sent, now, &settings](db::connection& db) {
            if (sent.accepted) {
              domain::record_delivery(db, entry.id, now);
            } else {
              domain::record_failed_attempt(db, entry.id, now, sent.error, sent.permanent, settings.retries);
            }
          })
          .get();
    }
  }
}

}  // namespace pedalpower::api
