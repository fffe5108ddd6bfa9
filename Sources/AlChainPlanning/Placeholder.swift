public enum PlanningPlaceholder {}
