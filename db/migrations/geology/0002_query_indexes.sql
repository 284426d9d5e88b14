DROP INDEX "geology"."survey_points_district_code_idx";--> statement-breakpoint
CREATE INDEX "background_values_analyte_idx" ON "geology"."background_values" USING btree ("analyte");--> statement-breakpoint
CREATE INDEX "survey_points_district_code_id_idx" ON "geology"."survey_points" USING btree ("district_code","id");--> statement-breakpoint
CREATE INDEX "survey_points_soil_type_idx" ON "geology"."survey_points" USING btree ("soil_type");--> statement-breakpoint
CREATE INDEX "survey_points_parent_material_idx" ON "geology"."survey_points" USING btree ("parent_material");--> statement-breakpoint
CREATE INDEX "survey_points_sampled_on_idx" ON "geology"."survey_points" USING btree ("sampled_on");--> statement-breakpoint
CREATE INDEX "audit_log_operation_idx" ON "geology"."audit_log" USING btree ("operation");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "geology"."audit_log" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "audit_log_recorded_at_idx" ON "geology"."audit_log" USING btree ("recorded_at");