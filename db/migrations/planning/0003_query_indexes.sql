DROP INDEX "planning"."parcels_district_code_idx";--> statement-breakpoint
DROP INDEX "planning"."parcels_land_use_idx";--> statement-breakpoint
CREATE INDEX "parcels_district_code_id_idx" ON "planning"."parcels" USING btree ("district_code","id");--> statement-breakpoint
CREATE INDEX "parcels_land_use_pattern_idx" ON "planning"."parcels" USING btree ("land_use" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "parcels_planned_use_idx" ON "planning"."parcels" USING btree ("planned_use");--> statement-breakpoint
CREATE INDEX "land_use_changes_proposed_id_idx" ON "planning"."land_use_changes" USING btree ("proposed_on","id");--> statement-breakpoint
CREATE INDEX "land_use_changes_status_idx" ON "planning"."land_use_changes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "land_use_changes_to_planned_use_idx" ON "planning"."land_use_changes" USING btree ("to_planned_use");--> statement-breakpoint
CREATE INDEX "audit_log_operation_idx" ON "planning"."audit_log" USING btree ("operation");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "planning"."audit_log" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "audit_log_recorded_at_idx" ON "planning"."audit_log" USING btree ("recorded_at");