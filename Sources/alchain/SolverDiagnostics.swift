import AlChainSolver
import Foundation

/// Prints, to standard error, why a solve gave no proven result: the solver's own status notes and the end of
/// GLPK's terminal output, so GLPK's diagnostic text reaches the user without -v (with -v it was already echoed
/// as GLPK printed it, so only the notes are added).
func printSolverDiagnostics(_ result: SolveResult, verbose: Bool) {
    guard ExitStatus(result.status) == .noProvenResult else { return }
    printError("error: no proven result (\(result.status.reportName)): \(result.solverStatus)")
    guard !verbose else { return }
    let lines = result.solverLog.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    for line in lines.suffix(12) { printError("glpk: \(line)") }
}
