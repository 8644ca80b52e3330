package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// workflowScript is the github-script of a workflow's comment step: the
// block under "script: |", without its indentation.
func workflowScript(t *testing.T, workflow string) string {
	t.Helper()
	_, rest, ok := strings.Cut(workflow, "script: |\n")
	if !ok {
		t.Fatal("the workflow has no github-script step")
	}
	var lines []string
	indent := ""
	for _, line := range strings.Split(rest, "\n") {
		if indent == "" {
			indent = line[:len(line)-len(strings.TrimLeft(line, " "))]
		}
		if line != "" && !strings.HasPrefix(line, indent) {
			break
		}
		lines = append(lines, strings.TrimPrefix(line, indent))
	}
	return strings.Join(lines, "\n")
}

// checkWorkflow asserts what every Check workflow must do: actions pinned
// by full version, the history fetched for diff, the comparison in the
// job summary, one comment found by its marker.
func checkWorkflow(t *testing.T, workflow string) {
	t.Helper()
	for _, use := range regexp.MustCompile(`uses: (\S+)`).FindAllStringSubmatch(workflow, -1) {
		if !regexp.MustCompile(`@v\d+\.\d+\.\d+$`).MatchString(use[1]) {
			t.Errorf("action %s is not pinned to a full version tag", use[1])
		}
	}
	for _, want := range []string{
		"fetch-depth: 0",
		"persist-credentials: false",
		"pull-requests: write",
		"check --format github",
		`diff "$BASE" HEAD > "$RUNNER_TEMP/agenda-diff.md"`,
		`>> "$GITHUB_STEP_SUMMARY"`,
		"github.event.pull_request.base.sha",
	} {
		if !strings.Contains(workflow, want) {
			t.Errorf("the workflow has no %q", want)
		}
	}
	commentScript(t, workflowScript(t, workflow))
}

func TestCheckWorkflow(t *testing.T) {
	data, err := os.ReadFile("../../.github/workflows/check.yml")
	if err != nil {
		t.Fatal(err)
	}
	checkWorkflow(t, string(data))
}

// commentScript runs the comment step's script in Node against a fake
// GitHub: it must create one comment, update it (not add another) on the
// next push, leave other comments alone, and only note a read-only token.
func commentScript(t *testing.T, script string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Log("node is not installed: the comment script is not run")
		return
	}
	dir := t.TempDir()
	diffFile := filepath.Join(dir, "agenda-diff.md")
	harness := `
const fs = require('fs');
let comments = [{ id: 1, user: { login: 'someone' }, body: '<!-- agenda-diff -->\nquoted by a person' }];
let calls = [];
let forbidden = false;
const api = {
  listComments: 'list',
  createComment: async (a) => { if (forbidden) throw Object.assign(new Error('no'), { status: 403 }); calls.push('create'); comments.push({ id: comments.length + 1, user: { login: 'github-actions[bot]' }, body: a.body }); },
  updateComment: async (a) => { calls.push('update'); comments.find(c => c.id === a.comment_id).body = a.body; },
};
const github = { rest: { issues: api }, paginate: async () => { if (forbidden) throw Object.assign(new Error('no'), { status: 403 }); return comments; } };
const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
let notices = [];
const core = { notice: (m) => notices.push(m) };
const run = new Function('github', 'context', 'core', 'require', 'process', 'return (async () => {' + fs.readFileSync(process.argv[2], 'utf8') + '})()');
(async () => {
  const file = process.env.DIFF;
  fs.writeFileSync(file, 'first');
  await run(github, context, core, require, process);
  fs.writeFileSync(file, 'second');
  await run(github, context, core, require, process);
  await run(github, context, core, require, process);
  forbidden = true;
  await run(github, context, core, require, process);
  console.log(JSON.stringify({ calls, bodies: comments.map(c => c.body), notices: notices.length }));
})().catch(e => { console.error(e); process.exit(1); });
`
	os.WriteFile(filepath.Join(dir, "harness.js"), []byte(harness), 0o644)
	os.WriteFile(filepath.Join(dir, "script.js"), []byte(script), 0o644)
	cmd := exec.Command(node, filepath.Join(dir, "harness.js"), filepath.Join(dir, "script.js"))
	cmd.Env = append(os.Environ(), "DIFF="+diffFile)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the comment script failed: %v\n%s", err, out)
	}
	want := `{"calls":["create","update"],"bodies":["<!-- agenda-diff -->\nquoted by a person","<!-- agenda-diff -->\nsecond"],"notices":1}`
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("comment script:\n got %s\nwant %s", got, want)
	}
}
