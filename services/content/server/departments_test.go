package server_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	contentv1 "github.com/seoul-gov/homepage/gen/seoul/content/v1"
	"github.com/seoul-gov/homepage/platform/servicetest"
	"github.com/seoul-gov/homepage/services/content/server"
)

// A4.2: admins keep the directory; anyone reads it; bad entries are
// refused field by field and nothing is stored.
func TestDepartmentDirectory(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	list, err := s.c.ListDepartments(s.public, &contentv1.ListDepartmentsRequest{})
	require.NoError(t, err)
	require.Len(t, list.Departments, 3)

	_, err = s.c.PutDepartment(s.digital, &contentv1.PutDepartmentRequest{Code: "SMG-X", NameKo: "엑스과"})
	servicetest.RequireCode(t, err, codes.PermissionDenied)
	_, err = s.c.PutDepartment(s.admin, &contentv1.PutDepartmentRequest{Code: "smg x", NameKo: "", Email: "nope"})
	for _, f := range []string{"code", "name_ko", "email"} {
		servicetest.RequireInvalidField(t, err, f)
	}
	_, err = s.c.PutDepartment(s.admin, &contentv1.PutDepartmentRequest{Code: "SMG-CHILD", NameKo: "하위과", ParentCode: "SMG-NONE"})
	servicetest.RequireInvalidField(t, err, "parent_code")
	require.Equal(t, 3, servicetest.Count(t, s.env.Pool, `SELECT count(*) FROM departments`))

	_, err = s.c.PutDepartment(s.admin, &contentv1.PutDepartmentRequest{Code: "SMG-CULTURE", NameKo: "문화정책과",
		NameEn: "Culture Policy Division", Phone: "02-2133-2501", ParentCode: "SMG-DIGITAL"})
	require.NoError(t, err)
	got, err := s.c.GetDepartment(s.public, &contentv1.GetDepartmentRequest{Code: "SMG-CULTURE"})
	require.NoError(t, err)
	require.Equal(t, "02-2133-2501", got.Phone)
	require.Equal(t, "SMG-DIGITAL", got.ParentCode)
	_, err = s.c.GetDepartment(s.public, &contentv1.GetDepartmentRequest{Code: "SMG-NONE"})
	servicetest.RequireCode(t, err, codes.NotFound)
}

// A4.2: two admins edit the same department's contact; the one who read
// the entry before the other's change is refused (ABORTED) and the
// newer contact stays.
func TestStaleEtagRefusesDepartmentChangeA4_2(t *testing.T) {
	t.Parallel()
	s := start(t, server.TestConfig())
	read, err := s.c.GetDepartment(s.public, &contentv1.GetDepartmentRequest{Code: "SMG-CULTURE"})
	require.NoError(t, err)
	put := &contentv1.PutDepartmentRequest{Code: "SMG-CULTURE", NameKo: "문화정책과", Phone: "02-2133-2600",
		Etag: read.GetEtag()}
	_, err = s.c.PutDepartment(s.admin, put)
	require.NoError(t, err)
	put.Phone = "02-2133-9999"
	_, err = s.c.PutDepartment(s.admin, put)
	servicetest.RequireReason(t, err, codes.Aborted, "ETAG_MISMATCH")
	got, err := s.c.GetDepartment(s.public, &contentv1.GetDepartmentRequest{Code: "SMG-CULTURE"})
	require.NoError(t, err)
	require.Equal(t, "02-2133-2600", got.GetPhone())
	_, err = s.c.PutDepartment(s.admin, &contentv1.PutDepartmentRequest{Code: "SMG-NEW", NameKo: "신설과", Etag: "1"})
	servicetest.RequireCode(t, err, codes.Aborted)
}
