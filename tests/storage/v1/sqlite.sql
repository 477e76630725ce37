CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(128) NOT NULL, 
	action VARCHAR(64) NOT NULL, 
	target VARCHAR(128) NOT NULL, 
	detail JSON NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX audit_by_target ON audit_log (target, id);

CREATE TABLE campaigns (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	payload JSON NOT NULL, 
	cron VARCHAR(120), 
	run_at DATETIME, 
	status VARCHAR(16) NOT NULL, 
	created_by VARCHAR(128) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT campaigns_status CHECK (status IN ('active', 'paused', 'cancelled', 'done')), 
	CONSTRAINT campaigns_one_schedule CHECK ((cron IS NULL) <> (run_at IS NULL))
);

CREATE TABLE opt_outs (
	channel VARCHAR(16) NOT NULL, 
	user_id VARCHAR(128) NOT NULL, 
	since DATETIME NOT NULL, 
	PRIMARY KEY (channel, user_id)
);

CREATE TABLE orders (
	order_no VARCHAR(32) NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	user_id VARCHAR(128) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	subtotal_fen BIGINT NOT NULL, 
	discount_fen BIGINT NOT NULL, 
	total_fen BIGINT NOT NULL, 
	coupon_code VARCHAR(64), 
	receiver_name VARCHAR(64) NOT NULL, 
	phone VARCHAR(32) NOT NULL, 
	address TEXT NOT NULL, 
	idempotency_key VARCHAR(128) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	paid_at DATETIME, 
	shipped_at DATETIME, 
	done_at DATETIME, 
	closed_at DATETIME, 
	carrier VARCHAR(64), 
	tracking_no VARCHAR(64), 
	PRIMARY KEY (order_no), 
	CONSTRAINT orders_idempotency UNIQUE (channel, user_id, idempotency_key), 
	CONSTRAINT orders_status CHECK (status IN ('created', 'paid', 'shipped', 'done', 'cancelled', 'expired')), 
	CONSTRAINT orders_money CHECK (discount_fen >= 0 AND total_fen >= 0 AND total_fen = subtotal_fen - discount_fen)
);

CREATE INDEX orders_by_status ON orders (status, created_at);

CREATE INDEX orders_by_user ON orders (user_id, created_at);

CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	applied_at DATETIME NOT NULL, 
	PRIMARY KEY (version)
);

CREATE TABLE stock (
	sku VARCHAR(64) NOT NULL, 
	available BIGINT NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (sku), 
	CONSTRAINT stock_never_negative CHECK (available >= 0)
);

CREATE TABLE broadcast_batches (
	campaign_id INTEGER NOT NULL, 
	run_key VARCHAR(128) NOT NULL, 
	batch_no INTEGER NOT NULL, 
	channel VARCHAR(32) NOT NULL, 
	sender VARCHAR(128) NOT NULL, 
	targets JSON NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	result JSON NOT NULL, 
	error TEXT, 
	updated_at DATETIME NOT NULL, 
	reminded_at DATETIME, 
	PRIMARY KEY (campaign_id, run_key, batch_no), 
	CONSTRAINT broadcast_batches_status CHECK (status IN ('planned', 'sending', 'sent', 'failed', 'unknown')), 
	FOREIGN KEY(campaign_id) REFERENCES campaigns (id)
);

CREATE INDEX broadcast_batches_by_status ON broadcast_batches (status, channel, updated_at);

CREATE TABLE broadcast_plans (
	campaign_id INTEGER NOT NULL, 
	run_key VARCHAR(128) NOT NULL, 
	summary JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (campaign_id, run_key), 
	FOREIGN KEY(campaign_id) REFERENCES campaigns (id)
);

CREATE TABLE campaign_runs (
	id INTEGER NOT NULL, 
	campaign_id INTEGER NOT NULL, 
	run_key VARCHAR(128) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	claimed_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	sent INTEGER NOT NULL, 
	failed INTEGER NOT NULL, 
	error TEXT, 
	PRIMARY KEY (id), 
	CONSTRAINT campaign_runs_once UNIQUE (campaign_id, run_key), 
	CONSTRAINT campaign_runs_status CHECK (status IN ('running', 'done', 'failed')), 
	FOREIGN KEY(campaign_id) REFERENCES campaigns (id)
);

CREATE TABLE order_lines (
	order_no VARCHAR(32) NOT NULL, 
	line_no INTEGER NOT NULL, 
	sku VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	spec JSON NOT NULL, 
	qty INTEGER NOT NULL, 
	unit_price_fen BIGINT NOT NULL, 
	PRIMARY KEY (order_no, line_no), 
	CONSTRAINT order_lines_amounts CHECK (qty > 0 AND unit_price_fen >= 0), 
	FOREIGN KEY(order_no) REFERENCES orders (order_no) ON DELETE CASCADE
);

CREATE TABLE tickets (
	ticket_no VARCHAR(32) NOT NULL, 
	order_no VARCHAR(32) NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	user_id VARCHAR(128) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	reason TEXT NOT NULL, 
	photo_media_ids JSON NOT NULL, 
	note TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (ticket_no), 
	CONSTRAINT tickets_kind CHECK (kind IN ('return', 'refund', 'exchange')), 
	CONSTRAINT tickets_status CHECK (status IN ('open', 'approved', 'resolved', 'rejected', 'withdrawn')), 
	FOREIGN KEY(order_no) REFERENCES orders (order_no)
);

CREATE INDEX tickets_by_user ON tickets (user_id, created_at);

CREATE UNIQUE INDEX tickets_one_active_per_order ON tickets (order_no) WHERE status IN ('open', 'approved');
