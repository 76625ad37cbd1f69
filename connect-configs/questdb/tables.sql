-- Tables of the Influx sink's default measurements in QuestDB (run by flowstack up at QuestDB's start).
-- DEDUP UPSERT KEYS(timestamp, <every tag>): a point written again with the same tags and time replaces
-- the old row, as in InfluxDB, so the sink's rewritten window totals never add up twice.
-- ILP would create the tables on first write, but without deduplication.
CREATE TABLE IF NOT EXISTS flows (cid SYMBOL, direction SYMBOL, ipversion SYMBOL, protoname SYMBOL,
  application SYMBOL, peer SYMBOL, topic_partition SYMBOL, bytes LONG, packets LONG, flows LONG,
  timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL
  DEDUP UPSERT KEYS(timestamp, cid, direction, ipversion, protoname, application, peer, topic_partition);
CREATE TABLE IF NOT EXISTS flows_by_country (cid SYMBOL, direction SYMBOL, remotecountry SYMBOL,
  topic_partition SYMBOL, bytes LONG, packets LONG, flows LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp)
  PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, cid, direction, remotecountry, topic_partition);
CREATE TABLE IF NOT EXISTS flows_by_as (cid SYMBOL, direction SYMBOL, remoteas SYMBOL,
  topic_partition SYMBOL, bytes LONG, packets LONG, flows LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp)
  PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, cid, direction, remoteas, topic_partition);
CREATE TABLE IF NOT EXISTS top_hosts (cid SYMBOL, direction SYMBOL, host SYMBOL,
  topic_partition SYMBOL, bytes LONG, packets LONG, flows LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp)
  PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, cid, direction, host, topic_partition);
-- From BGP (the Routes transform): by the neighbour AS towards the remote side (NextHopAS, or the first AS of
-- SrcAsPath), and by the listed communities of the remote side's route (the sink's key communities; a flow counts
-- towards each). The remote side's origin AS is flows_by_as.
CREATE TABLE IF NOT EXISTS flows_by_neighbor_as (cid SYMBOL, direction SYMBOL, neighboras SYMBOL,
  topic_partition SYMBOL, bytes LONG, packets LONG, flows LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp)
  PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, cid, direction, neighboras, topic_partition);
CREATE TABLE IF NOT EXISTS flows_by_community (cid SYMBOL, direction SYMBOL, community SYMBOL,
  topic_partition SYMBOL, bytes LONG, packets LONG, flows LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp)
  PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, cid, direction, community, topic_partition);
-- The sources' ingest health (their health.topic, written by the sink as it comes): per task and exporter,
-- what one reporting interval brought. Exporter '*' is the task's own row (received, dropped before decoding).
-- clock_skewed: flows whose time lay beyond the source's flow.time.tolerance.ms (the exporter's clock is wrong).
CREATE TABLE IF NOT EXISTS ingest (connector SYMBOL, task SYMBOL, exporter SYMBOL, interval_ms LONG,
  datagrams LONG, flows LONG, sequence_gaps LONG, sequence_missing LONG, datagrams_received LONG,
  kernel_drops LONG, not_allowed LONG, malformed LONG, template_misses LONG, clock_skewed LONG, timestamp TIMESTAMP)
  TIMESTAMP(timestamp) PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, connector, task, exporter);
-- An ingest table made before clock_skewed existed gets it (its old rows read as NULL, summed as 0).
ALTER TABLE ingest ADD COLUMN IF NOT EXISTS clock_skewed LONG;
-- The DDoS sink's tables (names and columns: flow-model's DdosTables), read by the dashboard's attacks view.
-- ddos_attacks: one row per event of an attack (start, update, end) at the event's second; the attack id is the
-- same for all its events. ddos_mitigations: the audit trail of the mitigation routes (announce, withdraw, refuse,
-- restore, ...), one row per action at the wall clock's time. A point written again replaces its row.
CREATE TABLE IF NOT EXISTS ddos_attacks (cid SYMBOL, target SYMBOL, attack SYMBOL, event SYMBOL, top_source SYMBOL,
  start LONG, bits_per_second LONG, packets_per_second LONG, threshold_bits_per_second LONG,
  threshold_packets_per_second LONG, top_protocol LONG, top_port LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp)
  PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, attack, event);
CREATE TABLE IF NOT EXISTS ddos_mitigations (cid SYMBOL, attack SYMBOL, target SYMBOL, action SYMBOL, route_key SYMBOL,
  route SYMBOL, reason SYMBOL, count LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp)
  PARTITION BY DAY WAL DEDUP UPSERT KEYS(timestamp, route_key, action);
