// Trainyard.Runtime: the featurizer and the managed XGBoost scorer, shared by Evaluate and the model server so
// that what was evaluated is exactly what is served.
[assembly: System.CLSCompliant(false)]
