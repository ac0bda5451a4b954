"""The signer reproduces Baidu's published worked example (placeholder until the vector suite lands)."""

from ccr_contract.signing import normalize, sign_request


def test_published_worked_example() -> None:
    signed = sign_request(
        "PUT",
        "http://bj.bcebos.com/v1/test/myfolder/readme.txt?partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851",
        {
            "Host": "bj.bcebos.com",
            "Content-Type": "text/plain",
            "Content-Length": "8",
            "Content-Md5": "NFzcPqhviddjRNnSOGo4rw==",
            "x-bce-date": "2015-04-27T08:23:49Z",
        },
        "a" * 32,
        "b" * 32,
        timestamp="2015-04-27T08:23:49Z",
        signed_headers=["host", "content-type", "content-length", "content-md5", "x-bce-date"],
    )
    assert signed.signing_key == "1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479"
    assert signed.signature == "d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e"


def test_seed_normalized_string_example() -> None:
    assert normalize("this is an example for 测试") == "this%20is%20an%20example%20for%20%E6%B5%8B%E8%AF%95"
