package localinfra

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// pgBinDir returns the directory holding initdb and pg_ctl: PATH first (the
// operator's choice wins), then the newest /usr/lib/postgresql/<ver>/bin.
func pgBinDir() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		// /usr/local/bin/pg_ctl is often a symlink; initdb and postgres live
		// next to the real file, so resolve it.
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if isExecutable(filepath.Join(dir, "initdb")) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgVersion(dirs[i]) > pgVersion(dirs[j]) })
	for _, dir := range dirs {
		if isExecutable(filepath.Join(dir, "pg_ctl")) && isExecutable(filepath.Join(dir, "initdb")) {
			return dir, nil
		}
	}
	return "", errors.New("localinfra: PostgreSQL binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin")
}

// pgVersion extracts the major version from /usr/lib/postgresql/<ver>/bin so
// that 15 sorts above 9.6 (a string sort would not).
func pgVersion(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// pgUser is the account the server runs as. Postgres refuses to run as root,
// so when we are root we drop to the "postgres" user; otherwise we run as
// ourselves. nil means "no switch".
type pgUser struct{ uid, gid int }

func currentPGUser() (*pgUser, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("localinfra: running as root needs a 'postgres' user for initdb/pg_ctl: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &pgUser{uid: uid, gid: gid}, nil
}

// chown hands path (recursively) to the server account so initdb can create
// the data directory and the server can write its socket and log.
func (u *pgUser) chown(path string) error {
	if u == nil {
		return nil
	}
	return filepath.Walk(path, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, u.uid, u.gid)
	})
}

// checkTraversable fails early, with a readable message, when the server
// account cannot reach dir (e.g. a Dir under /root, which is mode 0700):
// otherwise initdb reports a confusing "could not change directory".
func (u *pgUser) checkTraversable(dir string) error {
	if u == nil {
		return nil
	}
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		st, _ := fi.Sys().(*syscall.Stat_t)
		owned := st != nil && int(st.Uid) == u.uid
		if fi.Mode()&0o001 == 0 && !owned {
			return fmt.Errorf("localinfra: %s is not traversable by the postgres user (mode %v); choose a Dir elsewhere (e.g. under /tmp)", p, fi.Mode().Perm())
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// run executes a PostgreSQL binary as the server account, in workDir (the
// postgres user usually cannot enter root's cwd), and returns its combined
// output inside the error so callers can show what initdb/pg_ctl said.
func (u *pgUser) run(workDir, bin string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = workDir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if u != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{
			Credential: &syscall.Credential{Uid: uint32(u.uid), Gid: uint32(u.gid)},
		}
	}
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("%s %s: %w\n%s", filepath.Base(bin), strings.Join(args, " "), err, out.String())
	}
	return out.String(), nil
}
