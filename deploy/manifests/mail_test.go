package manifests

import (
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// A9.1: citizens' mail programs reach the complaint address's SMTP
// submission server in every overlay — the public mail-submission Service
// on 587 forwards to the mail pods' smtp-submit port, where
// MAIL_SUBMISSION_ADDR listens under the provisioned certificate; the mail
// service's network policy lets them in and lets it call the petition
// service, whose policy lets the mail service in.
func TestA9_1MailSubmissionReachable(t *testing.T) {
	t.Parallel()
	for _, overlay := range []string{"production", "trial"} {
		t.Run(overlay, func(t *testing.T) {
			t.Parallel()
			objs := render(t, overlay)
			svc := find[*corev1.Service](t, objs, "Service/mail-submission")
			require.Equal(t, map[string]string{"app.kubernetes.io/name": "mail"}, svc.Spec.Selector)
			require.Len(t, svc.Spec.Ports, 1)
			require.Equal(t, int32(587), svc.Spec.Ports[0].Port)
			require.Equal(t, intstr.FromString("smtp-submit"), svc.Spec.Ports[0].TargetPort)

			c := find[*appsv1.Deployment](t, objs, "Deployment/mail").Spec.Template.Spec.Containers[0]
			require.Contains(t, c.Ports, corev1.ContainerPort{Name: "smtp-submit", ContainerPort: 2587})
			env := map[string]string{}
			for _, e := range c.Env {
				env[e.Name] = e.Value
			}
			require.Equal(t, ":2587", env["MAIL_SUBMISSION_ADDR"])
			require.Equal(t, "/var/run/seoul/mail-submission/tls.crt", env["MAIL_SUBMISSION_TLS_CERT_FILE"])
			require.Equal(t, "/var/run/seoul/mail-submission/tls.key", env["MAIL_SUBMISSION_TLS_KEY_FILE"])
			require.Contains(t, c.VolumeMounts, corev1.VolumeMount{Name: "submission-tls", MountPath: "/var/run/seoul/mail-submission", ReadOnly: true})
			require.Contains(t, Provisioned, "seoul-mail-submission-tls")

			mail := find[*networkingv1.NetworkPolicy](t, objs, "NetworkPolicy/mail").Spec
			require.True(t, admitsPort(mail.Ingress, "smtp-submit"), "citizens reach the submission port")
			require.True(t, egressTo(mail.Egress, "petition"), "the mail service calls the petition service")
			petition := find[*networkingv1.NetworkPolicy](t, objs, "NetworkPolicy/petition").Spec
			require.True(t, ingressFrom(petition.Ingress, "mail"), "the petition service lets the mail service in")
		})
	}
}

func admitsPort(rules []networkingv1.NetworkPolicyIngressRule, port string) bool {
	for _, r := range rules {
		for _, p := range r.Ports {
			if p.Port != nil && p.Port.String() == port {
				return true
			}
		}
	}
	return false
}

func egressTo(rules []networkingv1.NetworkPolicyEgressRule, app string) bool {
	for _, r := range rules {
		if selects(r.To, app) {
			return true
		}
	}
	return false
}

func ingressFrom(rules []networkingv1.NetworkPolicyIngressRule, app string) bool {
	for _, r := range rules {
		if selects(r.From, app) {
			return true
		}
	}
	return false
}

func selects(peers []networkingv1.NetworkPolicyPeer, app string) bool {
	for _, p := range peers {
		if p.PodSelector != nil && p.PodSelector.MatchLabels["app.kubernetes.io/name"] == app {
			return true
		}
	}
	return false
}
