CREATE INDEX "fertilizer_use_crop_idx" ON "agriculture"."fertilizer_use" USING btree ("crop");--> statement-breakpoint
CREATE INDEX "pesticide_use_crop_idx" ON "agriculture"."pesticide_use" USING btree ("crop");--> statement-breakpoint
CREATE INDEX "farmland_class_decisions_class_idx" ON "agriculture"."farmland_class_decisions" USING btree ("farmland_class");--> statement-breakpoint
CREATE INDEX "audit_log_operation_idx" ON "agriculture"."audit_log" USING btree ("operation");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "agriculture"."audit_log" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "audit_log_recorded_at_idx" ON "agriculture"."audit_log" USING btree ("recorded_at");