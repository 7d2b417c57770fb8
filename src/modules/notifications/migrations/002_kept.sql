-- A message a development sink kept (SMS_URL unset, no e-address adapter) was never sent to anyone:
-- its delivery says `kept`, never `sent` or `delivered`.
alter table notifications.deliveries drop constraint if exists deliveries_status_check;
alter table notifications.deliveries add constraint deliveries_status_check
  check (status in ('queued', 'sending', 'retrying', 'sent', 'delivered', 'kept', 'failed'));
