-- Retries run for a window (24 h by default) measured from a delivery's first attempt, not for a
-- fixed number of attempts; and a delivery that waits because its channel was down (the mail
-- server unreachable or answering 421) is brought forward as soon as another one gets through.
alter table notifications.deliveries add column first_attempt_at timestamptz;
alter table notifications.deliveries add column waits_for_channel boolean not null default false;
-- Deliveries already tried count their window from their creation.
update notifications.deliveries set first_attempt_at = created_at where attempts > 0;
-- What a success of a channel looks for: its deliveries waiting out an outage.
create index deliveries_waiting_for_channel on notifications.deliveries (channel) where status = 'retrying' and waits_for_channel;
