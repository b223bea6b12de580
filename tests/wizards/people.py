"""Fictitious people and organisations for the wizard tests, with valid check digits (GB 11643 for IDs,
GB 32100 + GB 11714 for the USCC)."""

USCC = "9144030071526726XG"  # a Shenzhen (440300) company; not in examples/history.toml
WANG_WU = "440305198506120314"  # Shenzhen ID
LI_SI = "110105199208152462"  # Beijing ID
FILED_USCC = "91440300MA5FQX124N"  # 深圳市示例科技有限公司 in examples/history.toml (粤ICP备2024000001号)
ANHUI_USCC = "9134010071526726XF"  # a Hefei (340100) company

DOMAIN_FACTS = [None, "", "2030-05-01", "2026-10-01"]
"""Answers to the domain questions of a website: holder (Enter: the subject's name), registrar (empty),
expiry date, real-name date (§3.1 checks 3-5)."""
