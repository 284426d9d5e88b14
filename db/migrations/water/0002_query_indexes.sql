DROP INDEX "water"."water_sources_district_code_idx";--> statement-breakpoint
CREATE INDEX "protection_zones_level_idx" ON "water"."protection_zones" USING btree ("level");--> statement-breakpoint
CREATE INDEX "protection_zones_part_idx" ON "water"."protection_zones" USING btree ("part");--> statement-breakpoint
CREATE INDEX "water_sources_district_code_id_idx" ON "water"."water_sources" USING btree ("district_code","id");--> statement-breakpoint
CREATE INDEX "water_sources_kind_idx" ON "water"."water_sources" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "audit_log_operation_idx" ON "water"."audit_log" USING btree ("operation");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "water"."audit_log" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "audit_log_recorded_at_idx" ON "water"."audit_log" USING btree ("recorded_at");